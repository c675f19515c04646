// Reactions and bookmarks without a page reload. Without JavaScript the same forms post and
// redirect back.
(function () {
  "use strict";
  var UPDATES = {
    "reaction-form": function (form, button, data) {
      button.classList.toggle("reaction--active", data.active);
      button.setAttribute("aria-pressed", data.active ? "true" : "false");
      button.querySelector(".reaction__count").textContent = data.count;
    },
    "bookmark-form": function (form, button, data) {
      var on = data.bookmarked;
      button.classList.toggle("bookmark--active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Bookmarked" : "Bookmark";
      form.querySelector('input[name="bookmarked"]').value = on ? "0" : "1";
    },
  };

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = Object.keys(UPDATES).find(function (name) {
      return form.classList && form.classList.contains(name);
    });
    if (!kind) {
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
        UPDATES[kind](form, button, result.data);
      })
      .catch(function () {
        form.submit();
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
