from dash import Dash, html

app = Dash(__name__, suppress_callback_exceptions=True)
server = app.server

app.layout = html.Div([html.H2("Fleet monitor")])

if __name__ == "__main__":
    # expect: FL101
    app.run_server(host="0.0.0.0", port=8050, debug=True)
