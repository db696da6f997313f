// The protocol list: drag a person to a new place and the order is posted (the Up/Down buttons do the same
// without a mouse or JavaScript).
(() => {
  const list = document.getElementById("protocol-list");
  const form = document.getElementById("protocol-order");
  if (!list || !form) return;
  let dragged = null;
  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("li[data-code]");
    if (dragged) event.dataTransfer.effectAllowed = "move";
  });
  list.addEventListener("dragover", (event) => {
    const over = event.target.closest("li[data-code]");
    if (!dragged || !over || over === dragged) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener("drop", (event) => {
    event.preventDefault();
    if (!dragged) return;
    dragged = null;
    form.elements.order.value = [...list.querySelectorAll("li[data-code]")].map((li) => li.dataset.code).join(",");
    form.submit();
  });
})();
