import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { safeHttpUrl } from '../core/links.js';
import type { Chat, ChatError, ChatMessage } from '@biztel/protocol';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { icon } from './icons.js';
import { controls, tokens } from './tokens.js';

/** The chatbot integration's errors, worded as the manual words them (seed 004 §5). */
const ERROR_TEXT: Record<ChatError, MessageKey> = {
  connect: 'chatErrorConnect',
  wrongNumber: 'chatErrorWrongNumber',
  fetch: 'chatErrorFetch',
  server: 'chatErrorServer',
};

/**
 * @summary The chat history of a call that came in through the chatbot IVR (seed 004): customer
 * messages on the left, the bot's on the right, oldest first, behind a disclosure button. An
 * uploaded file or a URL-only message shows as リンクを開く and opens in a new tab, but only for an
 * http(s) URL that `safeHttpUrl` accepts; anything else stays plain text. Fires no events.
 * @csspart message - each chat message
 */
export class BiztelChatTranscript extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      .chat {
        border: 1px solid var(--biztel-color-border);
        border-radius: var(--biztel-radius);
        background: var(--biztel-color-surface);
      }
      h2 {
        margin: 0;
        font-size: var(--biztel-font-size);
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: var(--biztel-space-x-small);
        width: 100%;
        min-height: 2rem;
        padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
        border: 0;
        border-radius: var(--biztel-radius);
        background: none;
        color: var(--biztel-color-text);
        font-weight: 700;
        text-align: left;
        cursor: pointer;
      }
      .toggle > span {
        flex: 1;
        min-width: 0;
      }
      .toggle .icon-chat {
        color: var(--biztel-color-brand);
      }
      .toggle[aria-expanded='true'] .icon-chevron {
        transform: rotate(180deg);
      }
      .messages {
        display: flex;
        flex-direction: column;
        gap: var(--biztel-space-xx-small);
        max-height: 12rem;
        margin: 0;
        padding: var(--biztel-space-x-small);
        overflow-y: auto;
        list-style: none;
        border-top: 1px solid var(--biztel-color-border);
      }
      .message {
        max-width: 85%;
        padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
        border-radius: var(--biztel-radius);
        overflow-wrap: anywhere;
      }
      .text {
        white-space: pre-wrap;
      }
      .from-customer {
        align-self: flex-start;
        background: var(--biztel-color-surface-alt);
      }
      .from-bot {
        align-self: flex-end;
        background: var(--biztel-color-ringing-surface);
      }
      a {
        color: var(--biztel-color-link);
      }
      .status {
        display: flex;
        align-items: flex-start;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        padding: var(--biztel-space-x-small);
        border-top: 1px solid var(--biztel-color-border);
        color: var(--biztel-color-text-weak);
      }
      .status.error {
        color: var(--biztel-color-error);
      }
    `,
  ];

  @state() private expanded = true;

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) chat: Chat | null = null;

  private toggle(): void {
    this.expanded = !this.expanded;
  }

  override render() {
    const { t, chat } = this;
    if (!chat) return nothing;
    return html`
      <section class="chat" aria-labelledby="chat-heading">
        <h2 id="chat-heading">
          <button class="toggle" type="button" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="chat-body" @click=${this.toggle}>
            ${icon('chat')}<span>${t.chatHeading}</span>${icon('chevron')}
          </button>
        </h2>
        <div id="chat-body" ?hidden=${!this.expanded}>${this.renderBody(chat)}</div>
      </section>
    `;
  }

  private renderBody(chat: Chat) {
    const { t } = this;
    if (chat.status === 'error') {
      return html`<p class="status error">${icon('info')}<span>${t[ERROR_TEXT[chat.error]]}</span></p>`;
    }
    if (chat.messages.length === 0) return html`<p class="status">${t.chatEmpty}</p>`;
    // Oldest first whatever order the server sent (a stable sort keeps same-time messages in order).
    const messages = [...chat.messages].sort((a, b) => a.at - b.at);
    return html`<ol class="messages" tabindex="0" aria-label=${t.chatHeading}>
      ${messages.map(
        (m) =>
          html`<li class="message from-${m.from}" part="message">
            <span class="visually-hidden">${m.from === 'customer' ? t.chatCustomer : t.chatBot}: </span><span class="text">${this.renderContent(m)}</span>
          </li>`,
      )}
    </ol>`;
  }

  private renderContent(message: ChatMessage) {
    if (message.kind === 'text') return message.text;
    const href = message.url === undefined ? null : safeHttpUrl(message.url);
    if (href === null) return message.text || message.url || '';
    const caption = message.text !== '' && message.text !== message.url ? html`${message.text} ` : nothing;
    return html`${caption}<a href=${href} target="_blank" rel="noopener noreferrer"
        >${this.t.chatOpenLink}<span class="visually-hidden"> ${this.t.chatNewTab}</span></a
      >`;
  }
}
