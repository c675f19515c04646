// Reactions without a page reload. Without JavaScript the same forms post and redirect back.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("reaction-form")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          window.alert(result.data.error || "Sorry, that did not work.");
          return;
        }
        button.classList.toggle("reaction--active", result.data.active);
        button.setAttribute("aria-pressed", result.data.active ? "true" : "false");
        button.querySelector(".reaction__count").textContent = result.data.count;
      })
      .catch(function () {
        form.submit();
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
