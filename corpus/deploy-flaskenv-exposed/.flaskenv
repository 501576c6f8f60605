FLASK_APP=app
FLASK_DEBUG=1
# `flask run` with these two exposes its debugger to the network.
# expect: FL101
FLASK_RUN_HOST=0.0.0.0
