import { spawn } from 'node:child_process';
const env = { ...process.env, DATA_DIR: '/tmp/dbgk', PORT: '3872', LOG_LEVEL: 'warn', RUAMJAI_ADMIN_EMAIL: 'boss@kill.test', RUAMJAI_ADMIN_PASSWORD: 'boss-password-1' };
function serve() { const c = spawn(process.execPath, ['--import','tsx','src/cli/main.ts','serve'], { env, stdio: ['ignore','pipe','pipe'] }); c.stdout.on('data', d=>process.stdout.write('[app] '+d)); c.stderr.on('data', d=>process.stdout.write('[app!] '+d)); return c; }
async function healthy(){ for(let i=0;i<300;i++){ try{ const r=await fetch('http://127.0.0.1:3872/healthz'); if(r.status===200) return; }catch{} await new Promise(r=>setTimeout(r,100)); } throw new Error('not healthy'); }
const a = serve(); await healthy(); console.log('first up');
const r = await fetch('http://127.0.0.1:3872/api/v1/auth/login',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({email:'boss@kill.test',password:'boss-password-1'})}); console.log('login', r.status);
a.kill('SIGKILL'); await new Promise(r=>a.on('exit',r)); console.log('killed');
const b = serve(); await healthy(); console.log('second up'); b.kill('SIGTERM'); await new Promise(r=>b.on('exit',r));
