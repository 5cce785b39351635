// After a refused form the error summary takes focus, so a screen reader reads what to correct and a
// keyboard user starts there; its links lead to the fields (WCAG 3.3.1, NL Design System error summary).
document.addEventListener("DOMContentLoaded", function () {
  var samenvatting = document.querySelector(".app-foutsamenvatting");
  if (samenvatting) {
    samenvatting.focus();
  }
});
