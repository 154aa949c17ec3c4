// The import page's upload progress. The file goes up in one request (htmx posts the form), so what there is to
// show is how much of it the browser has sent (htmx:xhr:progress, from the upload's own progress events), then that
// inventory is reading it, then how many rows its report holds. Refused answers (422, 502) carry the page with the
// API's words, so they are swapped in like a report.
(function () {
  var box = function () { return document.getElementById('upload-progress-box'); };
  var bar = function () { return document.getElementById('upload-progress'); };
  var status = function () { return document.getElementById('upload-status'); };
  var fromImportForm = function (event) {
    return event.target && event.target.closest && event.target.closest('form.with-progress');
  };

  document.addEventListener('htmx:xhr:loadstart', function (event) {
    if (!fromImportForm(event)) { return; }
    box().hidden = false;
    bar().value = 0;
    bar().textContent = '0 %';
    status().textContent = 'Sending the file…';
  });
  document.addEventListener('htmx:xhr:progress', function (event) {
    if (!fromImportForm(event) || !event.detail.lengthComputable || !event.detail.total) { return; }
    var percent = Math.round(100 * event.detail.loaded / event.detail.total);
    bar().value = percent;
    bar().textContent = percent + ' %';
    status().textContent = percent < 100 ? 'Sent ' + percent + ' %…' : 'Sent; inventory is reading it…';
  });
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (fromImportForm(event) && (event.detail.xhr.status === 422 || event.detail.xhr.status === 502)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener('htmx:afterSettle', function () {
    var report = document.getElementById('report');
    if (!box() || box().hidden) { return; }
    if (report) {
      var rows = report.getAttribute('data-rows');
      status().textContent = (report.getAttribute('data-dry-run') === 'true' ? 'Checked ' : 'Imported ') + rows
        + (rows === '1' ? ' row.' : ' rows.');
    } else {
      status().textContent = 'Refused: see above.';
    }
  });
})();
