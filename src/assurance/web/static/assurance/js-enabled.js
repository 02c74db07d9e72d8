// GOV.UK Frontend's body classes, from a file rather than inline (the pages' CSP allows no
// inline script). Loaded synchronously at the top of <body>, so styles apply before paint.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
