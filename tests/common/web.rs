//! Black-box web helpers: the real app on port 0 with a fresh database, a cookie-keeping
//! client that does not follow redirects, and parsed HTML.

use super::TestDb;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use std::time::Duration;
use tally::config::{SecretKey, Settings, TrustedProxies};
use tally::web::Application;

/// A running app and a signed-out browser.
pub struct TestApp {
    pub base: String,
    pub db: TestDb,
    pub client: reqwest::Client,
    settings: Settings,
    /// Passwords the app has checked against a hash.
    pub password_checks: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// A response, read.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first match, or "".
    pub fn text(&self, selector: &str) -> String {
        self.texts(selector).into_iter().next().unwrap_or_default()
    }

    /// An attribute of the first match.
    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        let sel = Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr(name).map(str::to_owned))
    }

    /// Every value of an attribute over all matches.
    pub fn attrs(&self, selector: &str, name: &str) -> Vec<String> {
        let sel = Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    }

    #[track_caller]
    pub fn assert_redirect_to(&self, prefix: &str) {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "body: {}", self.body);
        let location = self.location.clone().unwrap_or_default();
        assert!(
            location.starts_with(prefix),
            "redirected to {location:?}, expected {prefix:?}"
        );
    }
}

pub fn settings_for(db: &TestDb) -> Settings {
    Settings {
        database_url: db.url.clone(),
        bind: "127.0.0.1:0".to_owned(),
        pool_size: 4,
        secret_key: SecretKey::generate(),
        cookie_secure: false,
        session_idle_timeout: Duration::from_secs(3600),
        snapshot_every: None,
        public_url: None,
        trusted_proxies: TrustedProxies::default(),
        sign_in_window: tally::config::DEFAULT_SIGN_IN_WINDOW,
        // Tests post recurring bills themselves, at the instants they choose.
        post_due_every: None,
        smtp: None,
        clock: tally::clock::Clock::system(),
    }
}

fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // The server closes idle connections after 5 s; a client that reused one at that
        // moment would see it closed under its request (a slow, loaded machine).
        .pool_idle_timeout(Duration::from_secs(2))
}

pub fn new_client() -> reqwest::Client {
    client_builder().build().expect("client")
}

/// The `Accept-Language` a browser set to `lang` sends.
pub fn accept_language(lang: tally::i18n::Lang) -> &'static str {
    use tally::i18n::Lang;
    match lang {
        Lang::En => "en-GB,en;q=0.9",
        Lang::Es => "es-ES,es;q=0.9",
        Lang::Fr => "fr-FR,fr;q=0.9",
        Lang::De => "de-DE,de;q=0.9",
    }
}

/// Runs an async test against a freshly started app.
pub fn with_app<F, Fut>(db: TestDb, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    with_app_configured(db, |_| {}, test);
}

/// Runs an async test against a freshly started app whose settings `edit` changed.
pub fn with_app_configured<F, Fut>(db: TestDb, edit: impl FnOnce(&mut Settings), test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let mut settings = settings_for(&db);
        edit(&mut settings);
        let app = Application::build(&settings).expect("app builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        let password_checks = app.password_checks();
        let server = tokio::spawn(app.run());
        test(TestApp {
            base,
            db,
            client: new_client(),
            settings,
            password_checks,
        })
        .await;
        server.abort();
    });
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Another browser (its own cookies) on the same app.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            client: new_client(),
        }
    }

    /// Another browser whose every request says `Accept-Language: accept`.
    pub fn browser_accepting(&self, accept: &'static str) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT_LANGUAGE,
            reqwest::header::HeaderValue::from_static(accept),
        );
        Browser {
            base: self.base.clone(),
            client: client_builder()
                .default_headers(headers)
                .build()
                .expect("client"),
        }
    }

    /// Another browser set to `lang`.
    pub fn browser_in(&self, lang: tally::i18n::Lang) -> Browser {
        self.browser_accepting(accept_language(lang))
    }

    /// This app's default browser.
    pub fn me(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            client: self.client.clone(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

/// A cookie-keeping client.
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

async fn read(resp: reqwest::Response) -> Page {
    let status = resp.status();
    let headers = resp.headers().clone();
    let location = headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = resp.text().await.expect("body");
    Page {
        status,
        location,
        headers,
        body,
    }
}

impl Browser {
    pub async fn get(&self, path: &str) -> Page {
        read(
            self.client
                .get(format!("{}{}", self.base, path))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// The CSRF token of this browser's session (from a page's forms).
    pub async fn csrf(&self) -> String {
        let mut page = self.get("/signin").await;
        if let Some(location) = page.location.clone() {
            page = self.get(&location).await;
        }
        page.attr("input[name=csrf_token]", "value")
            .expect("a page with a csrf token")
    }

    /// POSTs a form with this session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// POSTs exactly these fields.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("encode");
        self.post_body(path, body).await
    }

    /// POSTs a raw urlencoded body.
    pub async fn post_body(&self, path: &str, body: String) -> Page {
        read(
            self.client
                .post(format!("{}{}", self.base, path))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Registers and stays signed in.
    pub async fn register(&self, email: &str, name: &str) -> Page {
        let page = self
            .post(
                "/signup",
                &[
                    ("email", email),
                    ("display_name", name),
                    ("password", PASSWORD),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        page
    }

    /// Signs in with the test password (the home page comes next).
    pub async fn sign_in(&self, email: &str) {
        self.post(
            "/signin",
            &[("email", email), ("password", PASSWORD), ("next", "/")],
        )
        .await
        .assert_redirect_to("/");
    }

    /// Opens an account and returns its path, `/accounts/<id>`.
    pub async fn open_account(&self, name: &str, my_name: &str) -> String {
        let page = self
            .post(
                "/accounts",
                &[
                    ("name", name),
                    ("currency", "EUR"),
                    ("member_name", my_name),
                ],
            )
            .await;
        page.assert_redirect_to("/accounts/");
        page.location.expect("location")
    }
}

/// The password every test user has.
pub const PASSWORD: &str = "correct horse battery staple";

/// The fields a browser would send for the first form matching `form`: inputs (ticked boxes
/// only) and selects, without the CSRF token, which [`Browser::post`] adds.
pub fn form_fields(page: &Page, form: &str) -> Vec<(String, String)> {
    let html = page.html();
    let forms = Selector::parse(form).expect("valid selector");
    let controls = Selector::parse("input, select").expect("valid selector");
    let selected = Selector::parse("option[selected]").expect("valid selector");
    let first = Selector::parse("option").expect("valid selector");
    let form = html
        .select(&forms)
        .next()
        .unwrap_or_else(|| panic!("no {form} in {}", page.body));
    let mut fields = Vec::new();
    for el in form.select(&controls) {
        let v = el.value();
        let Some(name) = v.attr("name") else { continue };
        if name == "csrf_token" {
            continue;
        }
        let value = if v.name() == "select" {
            el.select(&selected)
                .next()
                .or_else(|| el.select(&first).next())
                .and_then(|o| o.value().attr("value"))
                .unwrap_or("")
        } else {
            let kind = v.attr("type").unwrap_or("text");
            if (kind == "checkbox" || kind == "radio") && v.attr("checked").is_none() {
                continue;
            }
            v.attr("value").unwrap_or("")
        };
        fields.push((name.to_owned(), value.to_owned()));
    }
    fields
}

/// Replaces every value of a field.
pub fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), value.to_owned()));
}

/// POSTs these fields with the session's CSRF token.
pub async fn post_fields(b: &Browser, path: &str, fields: &[(String, String)]) -> Page {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post(path, &pairs).await
}

/// The token in the first `/join/<token>` of a page.
pub fn invite_token(body: &str) -> Option<String> {
    body.match_indices("/join/").find_map(|(i, _)| {
        let token: String = body[i + "/join/".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!token.is_empty()).then_some(token)
    })
}

pub const BOUNDARY: &str = "----tallytestboundary7d93";

/// A `multipart/form-data` body: the token first (as a browser sends the form's fields in
/// order), then the file.
pub fn multipart(token: Option<&str>, file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn send_upload(b: &Browser, path: &str, body: Vec<u8>) -> Page {
    read(
        b.client
            .post(format!("{}{}", b.base, path))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body)
            .send()
            .await
            .expect("POST"),
    )
    .await
}

/// Uploads a file with the session's token.
pub async fn upload(b: &Browser, path: &str, name: &str, bytes: &[u8]) -> Page {
    let token = b.csrf().await;
    send_upload(b, path, multipart(Some(&token), Some((name, bytes)))).await
}
