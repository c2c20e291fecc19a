import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { createDeskRouter } from './router'
import { i18n, localeRef, savedLocale, setLocale } from '@/shared/i18n'
import { configureClient } from '@/shared/api/client'
import { useSessionStore } from '@/shared/stores/session'
import { EventSocket } from '@/shared/realtime/socket'
import { installEventSocket } from '@/shared/realtime'
import { startClock } from '@/shared/composables/clock'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const session = useSessionStore()
const router = createDeskRouter()

configureClient({
  token: () => session.token,
  language: () => localeRef.value,
  onUnauthenticated: () => {
    session.forget()
    socket.stop()
    if (router.currentRoute.value.name !== 'login') {
      void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
    }
  },
})
const socket = installEventSocket(new EventSocket({ token: () => session.token }))
startClock()

app.use(router)
void setLocale(savedLocale()).finally(() => app.mount('#app'))
