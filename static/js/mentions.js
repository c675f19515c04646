// @mention suggestions in the post composer. Typing "@" and the start of a display name lists
// matching members; Up/Down choose, Enter or Tab inserts the name, Escape closes. Without
// JavaScript members type the name in full: the server links it either way.
(function () {
  "use strict";
  var TRIGGER = /(^|[^\w@])@([^\s@][^@\n]{0,29})$/;
  var counter = 0;

  function setUp(textarea) {
    var url = textarea.getAttribute("data-mentions");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var names = [];
    var active = -1;
    var timer = null;
    var latest = 0;
    counter += 1;
    list.id = "mention-suggestions-" + counter;
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Members to mention");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", list.id);
    textarea.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    function typedPrefix() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = TRIGGER.exec(before);
      return match ? match[2] : null;
    }

    function close() {
      names = [];
      active = -1;
      list.hidden = true;
      list.textContent = "";
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0) {
        textarea.setAttribute("aria-activedescendant", list.id + "-" + index);
      }
    }

    function show(found) {
      close();
      names = found;
      if (!names.length) {
        return;
      }
      names.forEach(function (name, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.textContent = "@" + name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      highlight(0);
      status.textContent =
        names.length + (names.length === 1 ? " member" : " members") + " found. Up and down to choose, Enter to insert.";
    }

    function choose(index) {
      var prefix = typedPrefix();
      var name = names[index];
      if (prefix === null || name === undefined) {
        close();
        return;
      }
      var caret = textarea.selectionStart;
      var start = caret - prefix.length;
      var inserted = name + " ";
      textarea.value = textarea.value.slice(0, start) + inserted + textarea.value.slice(caret);
      textarea.selectionStart = textarea.selectionEnd = start + inserted.length;
      close();
      status.textContent = "@" + name + " inserted.";
      textarea.focus();
    }

    function lookUp(prefix) {
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(prefix), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { names: [] };
        })
        .then(function (data) {
          if (request === latest && typedPrefix() === prefix) {
            show(data.names || []);
          }
        })
        .catch(close);
    }

    textarea.addEventListener("input", function () {
      var prefix = typedPrefix();
      window.clearTimeout(timer);
      if (prefix === null) {
        close();
        return;
      }
      timer = window.setTimeout(function () {
        lookUp(prefix);
      }, 150);
    });

    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + names.length) % names.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });

    textarea.addEventListener("blur", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-mentions]"), setUp);
})();
