// Loads the <failover-lab> element from the app under test, named by ?app= (the app runs on another origin).
const app = new URLSearchParams(location.search).get('app') ?? 'http://127.0.0.1:4173';
const script = document.createElement('script');
script.type = 'module';
script.src = new URL('/embed/failover-lab.js', app).href;
document.head.append(script);
