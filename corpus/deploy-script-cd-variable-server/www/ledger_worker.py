"""Posts the day's entries; no web server here."""
import time

if __name__ == "__main__":
    while True:
        time.sleep(3600)
