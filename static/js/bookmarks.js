// Bookmark a post without a page reload. Without JavaScript the same form posts and redirects.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("bookmark-form")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button");
    var wanted = form.querySelector('input[name="bookmarked"]');
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
        var on = result.data.bookmarked;
        button.classList.toggle("bookmark--active", on);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "Bookmarked" : "Bookmark";
        wanted.value = on ? "0" : "1";
      })
      .catch(function () {
        form.submit();
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
