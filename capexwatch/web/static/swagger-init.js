// Swagger UI served from the package itself (no CDN), started from a file so the CSP can forbid inline scripts.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
