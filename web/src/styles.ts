// The look, all bundled (nothing fetched from elsewhere): the NL Design System's "voorbeeld" (example) theme — EUPL,
// meant to be adopted; Utrecht's own tokens are Utrecht's proprietary house style — its fonts (Noto, latin subset),
// Utrecht's component CSS, and our few layout rules.
import "@fontsource/noto-sans/latin-400.css";
import "@fontsource/noto-sans/latin-700.css";
import "@fontsource/noto-serif/latin-700.css";
import "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css";
import "@utrecht/component-library-css/dist/index.css";
import "./app.css";
