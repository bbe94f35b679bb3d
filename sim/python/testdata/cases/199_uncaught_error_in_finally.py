# An exception in finally while another is propagating: both are shown.
def save(path):
    try:
        raise OSError(f"disk full while writing {path}")
    finally:
        log = None
        log.write("failed")


save("ckpt.pt")
