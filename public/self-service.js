// The sign-in page around Chainlit's own form. Adds "Create an account" and "Forgot password?" under
// it, only when the server says they work (sign-up enabled, email configured), and keeps the form
// the one place that says why signing in failed. Chainlit renders the form itself, so this waits
// for it and re-adds the links if React re-renders the page.
(function () {
  var ID = "tailor-self-service";
  var offered = null;

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    a.style.textDecoration = "underline";
    return a;
  }

  function place() {
    if (!offered || window.location.pathname !== "/login" || document.getElementById(ID)) {
      return;
    }
    var form = document.querySelector("form");
    if (!form) {
      return;
    }
    var box = document.createElement("p");
    box.id = ID;
    box.style.cssText = "display:flex;gap:16px;justify-content:center;font-size:.9rem;margin-top:12px";
    if (offered.reset) {
      box.appendChild(link("/account/forgot", "Forgot password?"));
    }
    if (offered.signup) {
      box.appendChild(link("/signup", "Create an account"));
    }
    form.after(box);
  }

  fetch("/auth/self-service", { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (answer) {
      if (!answer.signup && !answer.reset) {
        return;
      }
      offered = answer;
      place();
      new MutationObserver(place).observe(document.body, { childList: true, subtree: true });
    })
    .catch(function () { /* no links is the safe default */ });
})();

// On the sign-in page the form already says in words why signing in failed (see
// assistant/web/login.py), but Chainlit also toasts every failed request as "<status>: <detail>",
// e.g. "Unauthorized: credentialssignin". Toasts are hidden on that page only: a stylesheet rule
// switched by a class on <html>, kept in step with the address as the app navigates.
(function () {
  var CLASS = "tailor-sign-in-page";
  var style = document.createElement("style");
  style.textContent = "html." + CLASS + " [data-sonner-toaster] { display: none !important; }";
  document.head.appendChild(style);

  function sync() {
    document.documentElement.classList.toggle(CLASS, window.location.pathname === "/login");
  }

  sync();
  new MutationObserver(sync).observe(document.documentElement, { childList: true, subtree: true });
})();

// The composer (public/tailor.css has its look):
// - Chainlit's send button is disabled, and Enter ignored, while an attached file is still
//   uploading and while the chat's connection is set up again after a thread is opened: a message
//   sent in that moment stayed in the box and nothing said why (Enter worked a little later). A
//   press or an Enter in that state is kept, the button shows it is waiting, and the message goes
//   as soon as the button can be pressed (it is forgotten after 30 s, or when the text changes).
// - Chainlit draws a new message box when a new chat gets its first answer (the box moves from the
//   welcome screen to under the conversation): what was typed meanwhile was lost, e.g. `/export pdf`
//   typed then left a bare "pdf" or nothing. The new box gets the text the old one held.
(function () {
  var WAIT_MS = 30000;
  var pendingSince = 0;
  var lastInput = null;
  var lastText = "";
  var restoring = false;
  var setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;

  function submit() {
    return document.getElementById("chat-submit");
  }

  function input() {
    return document.getElementById("chat-input");
  }

  function typed() {
    var box = input();
    return !!box && box.value.trim() !== "";
  }

  function hold() {
    var button = submit();
    if (!button || !typed()) {
      return;
    }
    if (!button.disabled) {
      lastText = "";  // sent now: the box is emptied on purpose
      return;
    }
    pendingSince = Date.now();
    button.setAttribute("aria-busy", "true");
    button.title = "Sends as soon as the upload or the connection is ready";
  }

  function forget() {
    var button = submit();
    pendingSince = 0;
    if (button) {
      button.removeAttribute("aria-busy");
      button.removeAttribute("title");
    }
  }

  function release() {
    var button = submit();
    if (!pendingSince || !button || button.disabled) {
      return;
    }
    var fresh = Date.now() - pendingSince < WAIT_MS;
    forget();
    if (fresh && typed()) {
      button.click();
    }
  }

  function carryOver() {
    var box = input();
    if (box && box !== lastInput) {
      if (lastInput && lastText && !box.value) {
        restoring = true;  // React reads the text from this input event; the hold stays
        setValue.call(box, lastText);
        box.dispatchEvent(new Event("input", { bubbles: true }));
        restoring = false;
        if (document.activeElement === document.body) {
          box.focus();
        }
      }
      lastInput = box;
    }
    if (box) {
      lastText = box.value;
    }
  }

  // A disabled button lets pointer events through (pointer-events: none), so a press is known
  // by where it lands.
  document.addEventListener("pointerdown", function (event) {
    var button = submit();
    var box = button && button.getBoundingClientRect();
    if (box && event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom) {
      hold();
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    // With the command picker open, Enter picks a command instead of sending.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing &&
        event.target instanceof Element && event.target.id === "chat-input" &&
        !document.querySelector(".command-item")) {
      hold();
    }
  }, true);
  document.addEventListener("input", function (event) {
    if (event.target instanceof Element && event.target.id === "chat-input") {
      lastText = event.target.value;
      if (pendingSince && !restoring) {
        forget();
      }
    }
  }, true);
  new MutationObserver(function () {
    carryOver();
    release();
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"]
  });
})();

// The start screen tells a person without a model how to get one (assistant/chat.py: NO_MODEL),
// but Chainlit fetches that text once per page: it stayed after a model was set, until a reload.
// While it is shown, the page asks the server again every few seconds (and when the tab comes
// back into view) and, once the server no longer says it, shows the start screen again (a
// reload) unless the person has started typing.
(function () {
  var PHRASE = "not connected to a language model";
  var EVERY_MS = 10000;
  var asking = false;

  function shown() {
    var screen = document.getElementById("welcome-screen");
    return !!screen && screen.textContent.indexOf(PHRASE) !== -1;
  }

  function untouched() {
    var box = document.getElementById("chat-input");
    return (!box || box.value.trim() === "") && !document.querySelector("[role=dialog]");
  }

  function check() {
    if (asking || document.hidden || !shown()) {
      return;
    }
    asking = true;
    var language = encodeURIComponent(navigator.language || "en-US");
    fetch("/project/settings?language=" + language, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (settings) {
        var profiles = (settings && settings.chatProfiles) || [];
        var still = profiles.some(function (profile) {
          return (profile.markdown_description || "").indexOf(PHRASE) !== -1;
        });
        if (profiles.length && !still && shown() && untouched()) {
          window.location.reload();
        }
      })
      .catch(function () { /* asked again at the next tick */ })
      .then(function () { asking = false; });
  }

  setInterval(check, EVERY_MS);
  document.addEventListener("visibilitychange", check);
})();
