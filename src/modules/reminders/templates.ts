import Handlebars from 'handlebars';

/*
 * Spanish e-mail templates (HTML and plain text), compiled once. Handlebars
 * escapes every value in HTML ({{ }}); the text versions use {{{ }}}.
 */
const hb = Handlebars.create();

const LAYOUT_HTML = `<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222; max-width: 720px;">
<p>Hola, {{name}}:</p>
{{{content}}}
<p style="font-size: 12px; color: #666; margin-top: 24px;">Este mensaje lo envía el sistema de seguimiento a Aspectos Susceptibles de Mejora de {{institution}}. No respondas a este correo; entra al sistema en <a href="{{baseUrl}}">{{baseUrl}}</a>.</p>
</body></html>`;

const DIGEST_HTML = `<p>Estos son tus pendientes del seguimiento a ASM al {{date}}:</p>
{{#each sections}}
<h3 style="font-size: 15px; margin: 18px 0 6px;">{{title}}</h3>
<ul>
{{#each items}}<li style="margin-bottom: 6px;"><a href="{{link}}">{{title}}</a><br>{{detail}}</li>
{{/each}}{{#if more}}<li>… y {{more}} más: consúltalos en el sistema.</li>
{{/if}}</ul>
{{/each}}`;

const DIGEST_TEXT = `Hola, {{{name}}}:

Estos son tus pendientes del seguimiento a ASM al {{{date}}}:
{{#each sections}}

{{{title}}}
{{#each items}}- {{{title}}}
  {{{detail}}}
  {{{link}}}
{{/each}}{{#if more}}- … y {{more}} más: consúltalos en el sistema.
{{/if}}{{/each}}
--
Sistema de seguimiento a Aspectos Susceptibles de Mejora de {{{institution}}}. No respondas a este correo: {{{baseUrl}}}
`;

const NOTICE_HTML = `<p>{{lead}}</p>
{{#if detail}}<p>{{detail}}</p>{{/if}}
<p><a href="{{link}}">Ver en el sistema</a></p>`;

const NOTICE_TEXT = `Hola, {{{name}}}:

{{{lead}}}
{{#if detail}}

{{{detail}}}
{{/if}}

Ver en el sistema: {{{link}}}

--
Sistema de seguimiento a Aspectos Susceptibles de Mejora de {{{institution}}}. No respondas a este correo: {{{baseUrl}}}
`;

const layout = hb.compile(LAYOUT_HTML);
const digestHtml = hb.compile(DIGEST_HTML);
const digestText = hb.compile(DIGEST_TEXT);
const noticeHtml = hb.compile(NOTICE_HTML);
const noticeText = hb.compile(NOTICE_TEXT);

export interface Common {
  name: string;
  institution: string;
  baseUrl: string;
}

export interface DigestSection {
  title: string;
  items: { title: string; detail: string; link: string }[];
  /** Items of the section not listed (the e-mail lists the most urgent ones). */
  more?: number;
}

export function renderDigest(c: Common & { subject: string; date: string; sections: DigestSection[] }): { html: string; text: string } {
  return { html: layout({ ...c, content: digestHtml(c) }), text: digestText(c) };
}

export function renderNotice(c: Common & { subject: string; lead: string; detail?: string; link: string }): { html: string; text: string } {
  return { html: layout({ ...c, content: noticeHtml(c) }), text: noticeText(c) };
}
