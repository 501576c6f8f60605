import argparse

from werkzeug.serving import run_simple

from tilesrv import app


def main():
    parser = argparse.ArgumentParser(prog="tilesrv")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    run_simple(args.host, args.port, app)
