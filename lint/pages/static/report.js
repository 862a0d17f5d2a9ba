(function () {
  var charts = JSON.parse(document.getElementById("report-charts").textContent);
  var font = {family: getComputedStyle(document.body).fontFamily, size: 12, color: "#1c2330"};
  charts.forEach(function (chart) {
    var layout = Object.assign({font: font, separators: ".,", margin: {l: 10, r: 20, t: chart.layout.title || chart.layout.showlegend ? 34 : 10, b: 44},
                                paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
                                hoverlabel: {font: {family: font.family}}}, chart.layout);
    layout.xaxis = Object.assign({gridcolor: "#e8ebf0", zeroline: false, automargin: true}, layout.xaxis);
    layout.yaxis = Object.assign({gridcolor: "#e8ebf0", zeroline: false, automargin: true}, layout.yaxis);
    Plotly.newPlot(chart.id, chart.data, layout, {displayModeBar: false, responsive: true});
  });
})();
