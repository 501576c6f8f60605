import os

MODE = os.getenv("LEDGER_MODE", "production")
DEBUG = os.getenv("LEDGER_MODE", "production") == "dev"
HOST = os.getenv("LEDGER_HOST")
