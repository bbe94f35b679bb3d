# A misspelled list method.
losses = []
losses.apend(0.5)
