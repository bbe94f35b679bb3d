# A misspelled str method.
name = "Model.PT"
print(name.lowercase())
