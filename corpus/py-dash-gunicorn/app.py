import os

from dash import Dash, dcc, html

app = Dash(__name__)
server = app.server  # gunicorn app:server

app.layout = html.Div([dcc.Markdown("# Reports")])

if __name__ == "__main__":
    app.run(debug=os.getenv("DASH_DEBUG") == "1")  # ok: FL102
