() => {
  // Tap targets (WCAG 2.2, 2.5.8): every control at least 24 by 24 px, or spaced so that a 24 px circle centred on it
  // touches no other target (WCAG's spacing exception); a link inside a sentence is exempt (the inline exception).
  // Hearth's own rule on top: a primary button and a call link are at least 44 px high, spacing or not.
  const primary = 'button:not(.secondary):not(.outline):not(.contrast):not(.link-button), [role="button"]:not(.secondary):not(.outline)';
  const inSentence = el => el.tagName === "A" && getComputedStyle(el).display === "inline"
    && el.parentElement.textContent.trim() !== el.textContent.trim();
  const describe = el => (el.outerHTML.split(">")[0] + ">" + el.textContent.trim()).slice(0, 100);
  // A bar fixed to the screen (the resident's tab bar) and the page scrolling under it are never compared: where they
  // meet depends on how far the page is scrolled.
  const isFixed = el => {
    for (let node = el; node; node = node.parentElement) {
      if (getComputedStyle(node).position === "fixed") return true;
    }
    return false;
  };
  const targets = [];
  for (const el of document.querySelectorAll('a[href], button, [role="button"], input:not([type="hidden"]), select, summary')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if (el.closest(".skip-link, .visually-hidden")) continue;
    const call = el.matches('a[href^="tel:"]');
    const small = box.width < 23.5 || box.height < 23.5;
    targets.push({ el, box, call, small, high: call || el.matches(primary) ? 44 : 24, inline: !call && inSentence(el), fixed: isFixed(el) });
  }
  const centre = box => [box.x + box.width / 2, box.y + box.height / 2];
  const spaced = target => targets.every(other => {
    if (other === target || other.fixed !== target.fixed) return true;
    const [x, y] = centre(target.box);
    if (other.small) {
      const [ox, oy] = centre(other.box);
      return Math.hypot(x - ox, y - oy) >= 24;
    }
    const dx = Math.max(other.box.left - x, 0, x - other.box.right);
    const dy = Math.max(other.box.top - y, 0, y - other.box.bottom);
    return Math.hypot(dx, dy) >= 12;
  });
  const found = [];
  for (const target of targets) {
    if (target.inline) continue;
    const { box, high } = target;
    const short = high === 44 ? box.height < 43.5 : target.small && !spaced(target);
    if (short) {
      found.push(`${Math.round(box.width)}x${Math.round(box.height)} px (needs ${high}): ${describe(target.el)}`);
    }
  }
  return found;
}
