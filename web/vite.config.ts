import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

// Writes x.gz and x.br beside every compressible output file, so the server can send them as they are.
function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'hotline-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name)
          return statSync(path).isDirectory() ? walk(path) : [path]
        })
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|map|txt)$/.test(file)) continue
        const data = readFileSync(file)
        if (data.length < 1024) continue
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }))
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}

export default defineConfig({
  base: '/desk/',
  plugins: [vue(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true, // dist/.vite/manifest.json: the chunk graph, read by bench/web/desk-bench.mjs
    chunkSizeWarningLimit: 800,
    // Two apps from one build: the staff desk (index.html, /desk/) and the citizens' portal
    // (portal.html, served at / by the server). Both keep base /desk/ so their assets live in one
    // folder and share chunks (Vue itself); the portal imports nothing of the desk's.
    rollupOptions: {
      input: {
        desk: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
    },
  },
  // `npm run dev` and the e2e harness's E2E_VIA_VITE mode: the API (and its WebSocket) proxied.
  server: { proxy: { '/api': { target: process.env.HOTLINE_API ?? 'http://127.0.0.1:8080', ws: true } } },
  preview: { proxy: { '/api': { target: process.env.HOTLINE_API ?? 'http://127.0.0.1:8080', ws: true } } },
})
