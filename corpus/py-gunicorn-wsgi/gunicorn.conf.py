import multiprocessing

bind = "0.0.0.0:8000"  # ok: FL103
workers = multiprocessing.cpu_count() * 2 + 1
accesslog = "-"
