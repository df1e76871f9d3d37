// Filter forms leave unset fields out of the URL, so links stay short and shareable.
document.querySelectorAll("form.filters").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("input, select").forEach((field) => {
      if (field.name && field.value.trim() === "") field.disabled = true;
    });
  });
});
