// Shows upload progress for large evidence files; the form still works without this script.
(function () {
  var form = document.querySelector("form.report");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    var files = document.getElementById("files").files;
    var total = 0;
    for (var i = 0; i < files.length; i++) total += files[i].size;
    if (total < 1024 * 1024) return;
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total); };
    xhr.onload = function () {
      if (xhr.responseURL && xhr.status < 400) { window.location.href = xhr.responseURL; return; }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.send(new FormData(form));
  });
})();
