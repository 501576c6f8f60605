import time

from redis import Redis
from rq import Worker

if __name__ == "__main__":
    worker = Worker(["default"], connection=Redis())
    worker.work()
    time.sleep(1)
