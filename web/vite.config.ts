import { defineConfig } from "vite";

// The service serves the build under /dashboard: index.html for the app's routes, the bundles under /dashboard/app
// (the old pages keep /dashboard/assets until they are ported). JSX through esbuild's automatic runtime: no React plugin
// (no Fast Refresh in `npm run dev`; a reload is enough for these pages).
const service = process.env.SROI_SERVICE ?? "http://localhost:5080";

export default defineConfig({
  base: "/dashboard/",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "dist",
    assetsDir: "app",
    emptyOutDir: true,
    // Every font and image as a file of its own: the service's Content-Security-Policy has no data: fonts.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
  },
  server: {
    port: 5173,
    strictPort: true,
    // `npm run dev` beside `ops/run`: the API and the sign-in are the service's (sign in on this page: the session
    // cookie is the host's, whatever the port). The old pages stay on the service itself.
    proxy: {
      "/api": service,
      "^/dashboard/(sessie|inloggen|uitloggen|signin-oidc.*|signout-callback.*)": service,
    },
  },
});
