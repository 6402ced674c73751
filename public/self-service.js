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
