import { useEffect, type RefObject } from 'react';

/**
 * Scales the cluster map into its box. The console's map grows taller than a short box (its layout keeps labels
 * readable and the page scrolls); an embed has no page to scroll, so the drawn map (SVG and the heartbeat overlay,
 * which share its coordinates) is scaled down to fit, centred, and clicks still land (hit testing follows transforms).
 */
export function useFitCluster(area: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = area.current;
    if (!root) return;
    let watched: Element | null = null;
    const attributes = new MutationObserver(() => fit());
    const fit = () => {
      const host = root.querySelector<HTMLElement>('.cv-host');
      const svg = host?.querySelector<SVGSVGElement>(':scope > svg');
      if (!host || !svg) return;
      if (watched !== svg) {
        attributes.disconnect();
        attributes.observe(svg, { attributes: true, attributeFilter: ['width', 'height'] });
        watched = svg;
      }
      const width = Number(svg.getAttribute('width')) || svg.clientWidth;
      const height = Number(svg.getAttribute('height')) || svg.clientHeight;
      if (!(width > 0 && height > 0)) return;
      const scale = Math.min(1, host.clientWidth / width, host.clientHeight / height);
      const transform = scale < 1 ? `translate(${Math.max(0, (host.clientWidth - width * scale) / 2)}px, 0) scale(${scale})` : '';
      for (const layer of [svg, host.querySelector<HTMLElement>(':scope > .cv-overlay')]) {
        if (!layer || layer.style.transform === transform) continue;
        layer.style.transformOrigin = '0 0';
        layer.style.transform = transform;
      }
      root.dataset.clusterScale = scale.toFixed(3);
    };
    // The map's SVG is replaced when a scenario of another size loads (detailed ↔ rack view): the host's own children
    // only (the heartbeat dots live deeper, in the overlay, and change every frame).
    const children = new MutationObserver(() => fit());
    const host = root.querySelector('.cv-host');
    if (host) children.observe(host, { childList: true });
    const size = new ResizeObserver(() => fit());
    size.observe(root);
    fit();
    return () => {
      attributes.disconnect();
      children.disconnect();
      size.disconnect();
    };
  }, [area]);
}
