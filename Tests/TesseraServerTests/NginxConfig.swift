/// The nginx configuration of the gateway test: `auth_request` to `tessera serve` in front of
/// `/api/`, whose upstream is a second nginx server that echoes the auth headers it received.
/// Everything (pid, logs, temp paths) lives in the test's directory. The `http` block follows
/// `Examples/nginx/tessera.conf`.
struct NginxConfig {
    let directory: String
    let gatewayPort: Int
    let tesseraPort: Int
    let upstreamPort: Int

    var text: String {
        """
        daemon off;
        worker_processes 1;
        pid \(directory)/nginx.pid;
        error_log \(directory)/nginx-error.log info;
        events { worker_connections 256; }
        http {
            access_log \(directory)/nginx-access.log;
            client_body_temp_path \(directory)/client_body;
            proxy_temp_path \(directory)/proxy;
            fastcgi_temp_path \(directory)/fastcgi;
            uwsgi_temp_path \(directory)/uwsgi;
            scgi_temp_path \(directory)/scgi;

            upstream tessera { server 127.0.0.1:\(tesseraPort); keepalive 16; }

            server {
                listen 127.0.0.1:\(gatewayPort);

                location = /_tessera_verify {
                    internal;
                    proxy_pass http://tessera/verify;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_pass_request_body off;
                    proxy_set_header Content-Length "";
                    proxy_set_header X-Original-URI $request_uri;
                }

                location /api/ {
                    auth_request /_tessera_verify;
                    auth_request_set $auth_subject $upstream_http_x_auth_subject;
                    auth_request_set $auth_scope $upstream_http_x_auth_scope;
                    auth_request_set $auth_session $upstream_http_x_auth_session;
                    proxy_set_header X-Auth-Subject $auth_subject;
                    proxy_set_header X-Auth-Scope $auth_scope;
                    proxy_set_header X-Auth-Session $auth_session;
                    proxy_pass http://127.0.0.1:\(upstreamPort);
                }
            }

            server {
                listen 127.0.0.1:\(upstreamPort);
                location / {
                    default_type text/plain;
                    return 200 "subject=$http_x_auth_subject\\nscope=$http_x_auth_scope\\n";
                }
            }
        }
        """
    }
}
