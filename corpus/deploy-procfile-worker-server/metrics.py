"""A tiny Prometheus-style endpoint the worker dyno exposes next to the web app."""

import os

from flask import Flask

metrics = Flask(__name__)
COUNTERS = {"orders_total": 0}


@metrics.get("/metrics")
def export():
    return "\n".join(f"{name} {value}" for name, value in COUNTERS.items())


if __name__ == "__main__":
    # ok: FL103 (the worker's FL301 says what is wrong; a server in a dyno must bind all interfaces)
    metrics.run(host="0.0.0.0", port=int(os.environ.get("METRICS_PORT", "9100")))
