// Print buttons need JavaScript; without it they stay hidden and the browser's own Print works the same.
document.querySelectorAll(".print-button").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
