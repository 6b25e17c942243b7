// The ranking's bar chart of totals by organization, drawn with the vendored ECharts from
// the data the page gives in <script id="ranking-chart-data">.
(function () {
  var box = document.getElementById("ranking-chart");
  var source = document.getElementById("ranking-chart-data");
  if (!box || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(box);
  chart.setOption({
    animation: false,
    // drawn on the canvas: an HTML tooltip would carry style attributes, which the CSP blocks
    tooltip: { trigger: "axis", renderMode: "richText" },
    grid: { left: 48, right: 16, top: 24, bottom: 96 },
    xAxis: { type: "category", data: data.organizations, axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: "value", name: box.dataset.axis },
    series: [{ type: "bar", data: data.totals, itemStyle: { color: "#c8161d" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
