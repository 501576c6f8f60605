import dash
from dash import dcc, html

app = dash.Dash(__name__)

app.layout = html.Div(
    [
        html.H1("Sales dashboard"),
        dcc.Graph(id="sales", figure={"data": [{"x": [1, 2, 3], "y": [4, 1, 2]}]}),
    ]
)

if __name__ == "__main__":
    # Dash's run() calls Flask.run(debug=...): the Werkzeug debugger comes with it
    app.run(debug=True)  # expect: FL102
