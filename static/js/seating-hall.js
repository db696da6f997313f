// The hall screen: every few seconds, which assigned seats are taken by people already checked in.
(() => {
  const url = document.body.dataset.stateUrl;
  const cells = new Map([...document.querySelectorAll("td[data-seat]")].map((td) => [td.dataset.seat, td]));
  async function refresh() {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const state = await response.json();
      document.getElementById("arrived").textContent = state.arrived;
      document.getElementById("assigned").textContent = state.assigned;
      for (const [row, seat, arrived] of state.seats) {
        const td = cells.get(`${row}-${seat}`);
        if (td) td.classList.toggle("arrived", arrived);
      }
    } catch (error) {
      // A dropped connection: the next poll tries again.
    }
  }
  refresh();
  setInterval(refresh, 4000);
})();
