// Bring the highlighted sentence into view.
const sentence = document.querySelector("#article .sentence");
if (sentence) sentence.scrollIntoView({ block: "center" });
