//! What running one of the image's programs does (`nginx`, the tutorial's `/hellok8s`,
//! `coredns`, `python -m http.server`...): the start lines of the table, then the periodic
//! line if any, and either the image's exit or serving until stopped. The sockets are the
//! kubelet's port servers ([`crate::runtime::ports`]); this is the process's side.

use std::time::Duration;

use super::exec::{Flow, Shell};
use crate::runtime::images::{TemplateVars, render};

impl Shell {
    fn template_vars<'a>(&'a self, env: &'a [(String, String)], port: u16) -> TemplateVars<'a> {
        TemplateVars {
            hostname: &self.hostname,
            pod_ip: &self.pod_ip,
            port,
            env,
            ..Default::default()
        }
    }

    async fn print_line(&mut self, text: &str, to_err: bool) {
        let line = format!("{text}\n");
        let sink = if to_err {
            self.err.clone()
        } else {
            self.out.clone()
        };
        if !sink.write(line.as_bytes()).await {
            self.broken = true;
        }
    }

    /// Runs `argv`, a program of the container's image.
    pub(crate) async fn image_server(&mut self, argv: &[String]) -> Flow {
        let image = self.image.clone();
        if !image.serves_with(argv) {
            // An interpreter without a script and without stdin ends at once.
            self.last = 0;
            return Flow::Normal;
        }
        let env: Vec<(String, String)> = self
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let port = image.ports_for(argv).first().copied().unwrap_or(0);
        let refused = image.requires_env.as_ref().filter(|r| !r.met_by(&env));
        let lines = refused.map_or(&image.start, |r| &r.lines);
        let start: Vec<(String, bool)> = lines
            .iter()
            .map(|line| {
                let (tpl, to_err) = line.text();
                let text = render(tpl, &self.template_vars(&env, port)).unwrap_or_default();
                (text, to_err)
            })
            .collect();
        for (text, to_err) in start {
            self.print_line(&text, to_err).await;
        }
        if let Some(r) = refused {
            self.last = r.code;
            return Flow::Exit;
        }
        if let Some(exit) = &image.exit {
            if let Some(e) = &exit.err {
                self.print_line(e, true).await;
            }
            self.last = exit.code;
            return Flow::Exit;
        }
        match &image.every {
            Some(every) => {
                let period = Duration::from_secs_f64(every.seconds.max(0.01));
                let (tpl, to_err) = match (&every.out, &every.err) {
                    (_, Some(e)) => (e.clone(), true),
                    (Some(o), None) => (o.clone(), false),
                    (None, None) => (String::new(), false),
                };
                let mut n = 0u64;
                loop {
                    tokio::time::sleep(crate::clock::scaled(period)).await;
                    n += 1;
                    let text = {
                        let mut vars = self.template_vars(&env, port);
                        vars.n = n;
                        render(&tpl, &vars).unwrap_or_default()
                    };
                    self.print_line(&text, to_err).await;
                }
            }
            None => std::future::pending::<Flow>().await,
        }
    }
}
