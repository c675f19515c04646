// Keep what a member is writing on the server while they type, so a closed tab loses nothing.
// The page renders a saved draft into the form itself; this script only saves and discards.
(function () {
  "use strict";
  var SAVE_AFTER_MS = 1500;
  var RETRY_AFTER_MS = 10000;

  function post(url, form) {
    return fetch(url, {
      method: "POST",
      body: form,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function setUp(form) {
    var url = form.getAttribute("data-draft-save");
    var status = form.querySelector("[data-draft-status]");
    var discard = form.parentNode.querySelector("form[data-draft-discard]");
    var fields = form.querySelectorAll('textarea[name="body"], input[name="title"]');
    var timer = null;
    var sent = null;
    var inflight = null;
    var submitting = false;

    function say(text, isError) {
      if (status) {
        status.textContent = text;
        status.classList.toggle("draft-status--error", Boolean(isError));
      }
    }

    function snapshot() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector('[name="csrfmiddlewaretoken"]').value);
      fields.forEach(function (field) {
        data.append(field.name, field.value);
      });
      return data;
    }

    function save() {
      timer = null;
      if (submitting) {
        return;
      }
      var data = snapshot();
      var key = JSON.stringify(Array.from(data.entries()).slice(1));
      if (key === sent) {
        return;
      }
      say("Saving draft…");
      inflight = post(url, data)
        .then(function (result) {
          if (result.status === 200) {
            sent = key;
            if (result.data.saved) {
              say(result.data.message);
              if (discard) {
                discard.hidden = false;
              }
            } else {
              say("");
              if (discard) {
                discard.hidden = true;
              }
            }
            return;
          }
          say(
            result.data.error || "Your draft could not be saved. Your text is still in the box.",
            true,
          );
          if (result.status === 429) {
            schedule(RETRY_AFTER_MS);
          }
        })
        .catch(function () {
          say("Your draft could not be saved just now. Your text is still in the box.", true);
        })
        .finally(function () {
          inflight = null;
        });
    }

    function schedule(delay) {
      if (timer !== null) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, delay);
    }

    fields.forEach(function (field) {
      field.addEventListener("input", function () {
        schedule(SAVE_AFTER_MS);
      });
    });
    // Text typed before this script ran is saved too.
    fields.forEach(function (field) {
      if (field.value !== field.defaultValue) {
        schedule(SAVE_AFTER_MS);
      }
    });
    form.addEventListener("submit", function (event) {
      var previewing = event.submitter && event.submitter.name === "preview";
      if (timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
      if (previewing) {
        return;
      }
      submitting = true;
      // Posting deletes the draft: let a save already on its way land first, so it cannot
      // bring the draft back after the post.
      if (inflight !== null) {
        event.preventDefault();
        inflight.finally(function () {
          form.submit();
        });
      }
    });

    if (discard) {
      discard.addEventListener("submit", function (event) {
        event.preventDefault();
        if (timer !== null) {
          window.clearTimeout(timer);
          timer = null;
        }
        post(discard.action, new FormData(discard))
          .then(function (result) {
            if (result.status !== 200) {
              say(result.data.error || "The draft could not be discarded.", true);
              return;
            }
            fields.forEach(function (field) {
              field.value = "";
            });
            sent = null;
            discard.hidden = true;
            say(result.data.message);
          })
          .catch(function () {
            discard.submit();
          });
      });
    }
  }

  document.querySelectorAll("form[data-draft-save]").forEach(setUp);
})();
