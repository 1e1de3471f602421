import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LOGOFF_STATUS_ID, type AgentStatus, type LineHolder, type SeatHolder } from '@biztel/protocol';
import { checkSignInForm, type FieldProblem, type SignInField, type SignInProblems } from '../core/sign-in.js';
import type { FormMemory, PanelState, TakenBy } from '../core/panel-state.js';
import type { SignInError } from '../core/panel-errors.js';
import { emptyForm } from '../core/panel-state.js';
import type { StartCatalogue, StartMessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { SeatTakeoverCancelEvent, SeatTakeoverRequestEvent, SignInRequestEvent } from './sign-in-events.js';
import { fill } from './format.js';
import { lineTakeoverText, seatTakeoverText, type TakeoverText } from './takeover-dialog.js';
import { controls, tokens } from './tokens.js';

const PROBLEM_TEXT: Record<FieldProblem, StartMessageKey> = {
  required: 'fieldRequired',
  tooLong: 'fieldTooLong',
  accountFormat: 'fieldAccountFormat',
  extensionFormat: 'fieldExtensionFormat',
  seatFormat: 'fieldSeatFormat',
};

const ERROR_TEXT: Record<SignInError, StartMessageKey> = {
  authFailed: 'signInAuthFailed',
  rateLimited: 'signInRateLimited',
  timeout: 'signInTimeout',
  disconnected: 'signInDisconnected',
  rejected: 'signInRejected',
  signInFirst: 'signInFirst',
  sessionExpired: 'signInSessionExpired',
  signedOutElsewhere: 'signInSignedOutElsewhere',
  lineTakenOver: 'signInLineTakenOverUnknown',
  signedInElsewhere: 'signInSignedInElsewhere',
};

/** Which takeover the confirmation asks about. */
type Takeover = 'seat' | 'line';

/**
 * @summary The sign-in form of seed 001 §2: account, password, extension, seat ID, initial
 * status and hardphone mode. Checks the fields before anything is sent. When the server says the
 * seat is taken (`seatConflict`), an inline confirmation asks whether to overwrite it in Seat View;
 * when another agent is signed in on the extension (`lineConflict`), the same confirmation asks
 * whether to take the sign-in over. After the server ended the session, says why (`error`, `takenBy`).
 * @fires biztel-sign-in-request - the agent submitted a form that passed the checks
 * @fires biztel-seat-takeover-request - OK in the confirmation: sign in again, taking the seat or extension over
 * @fires biztel-seat-takeover-cancel - キャンセル or Escape in the confirmation
 */
export class BiztelSignInForm extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--biztel-space-small);
        padding: var(--biztel-space-medium);
      }
      h2 {
        margin: 0;
        font-size: var(--biztel-font-size-large);
        font-weight: 700;
      }
      .field {
        display: grid;
        gap: var(--biztel-space-xx-small);
      }
      label {
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
      }
      .check {
        display: flex;
        align-items: center;
        gap: var(--biztel-space-x-small);
      }
      .check label {
        color: var(--biztel-color-text);
        font-size: var(--biztel-font-size);
      }
      .check input {
        width: 1rem;
        height: 1rem;
        margin: 0;
      }
      .problem {
        color: var(--biztel-color-error);
        font-size: var(--biztel-font-size-small);
      }
      .warning {
        margin: 0;
        color: var(--biztel-color-warning);
        font-size: var(--biztel-font-size-small);
      }
      .error {
        margin: 0;
        padding: var(--biztel-space-x-small);
        border-radius: var(--biztel-radius);
        background: #fef1ee;
        color: var(--biztel-color-error);
        border: 1px solid var(--biztel-color-error);
      }
      .submit {
        width: 100%;
      }
      .seat-dialog {
        display: grid;
        gap: var(--biztel-space-x-small);
        padding: var(--biztel-space-small);
        border: 1px solid var(--biztel-color-warning);
        border-left-width: 4px;
        border-radius: var(--biztel-radius);
        background: var(--biztel-color-held-surface);
        overflow-wrap: anywhere;
      }
      .seat-dialog h3 {
        margin: 0;
        font-size: var(--biztel-font-size-large);
      }
      .seat-dialog p {
        margin: 0;
      }
      .seat-dialog .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--biztel-space-x-small);
      }
      .seat-dialog .buttons .btn {
        flex: 1 1 5rem;
      }
    `,
  ];

  /** Set when the agent answered the confirmation, so focus returns to its field after it. */
  private focusWasInDialog = false;
  /** The confirmation on screen after the last update. */
  private shown: Takeover | null = null;

  @query('form') private formEl!: HTMLFormElement;
  @query('.seat-dialog .cancel') private seatCancelButton?: HTMLButtonElement;

  @state() private problems: SignInProblems = {};
  @state() private selectedStatus = '';

  /** The start strings are enough: the form is part of what the page starts with. */
  @property({ attribute: false }) t: StartCatalogue = ja;
  @property({ attribute: false }) statuses: readonly AgentStatus[] = [];
  /** Values to show (the last submitted form, never the password). */
  @property({ attribute: false }) form: FormMemory = emptyForm;
  @property({ type: Boolean }) submitting = false;
  @property({ attribute: false }) error: SignInError | null = null;
  /** Bumped by the shell after every rejected attempt: clears the password field. */
  @property({ type: Number }) attempt = 0;
  /** The seat the agent asked for is occupied: who holds it, when the server knows (seed 001 §2). */
  @property({ attribute: false }) seatConflict: SeatHolder | null = null;
  /** Another agent is signed in on the extension the agent asked for: who, since when. */
  @property({ attribute: false }) lineConflict: LineHolder | null = null;
  /** With the error `lineTakenOver`: the agent who took the extension over. */
  @property({ attribute: false }) takenBy: TakenBy | null = null;

  private get asking(): Takeover | null {
    return this.lineConflict ? 'line' : this.seatConflict ? 'seat' : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('form')) this.selectedStatus = this.form.initialStatusId;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('attempt') && this.attempt > 0) {
      const password = this.formEl.elements.namedItem('password') as HTMLInputElement | null;
      if (password) {
        password.value = '';
        password.focus();
      }
    }
    const asking = this.asking;
    if (asking !== this.shown) {
      const before = this.shown;
      this.shown = asking;
      // The confirmation takes focus on the safe choice; when it goes, its field gets it back.
      if (asking) this.seatCancelButton?.focus();
      else if (before && this.focusWasInDialog) this.fieldInput(before === 'seat' ? 'seatId' : 'extension')?.focus();
      this.focusWasInDialog = false;
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.submitting || this.asking) return;
    const data = new FormData(this.formEl);
    // Every field of the form is a text field: its entry is a string (a missing one reads as '').
    const value = (name: string) => {
      const entry = data.get(name);
      return typeof entry === 'string' ? entry : '';
    };
    // The request carries what the checks accepted: identifiers trimmed, the password verbatim.
    const form = {
      account: value('account').trim(),
      password: value('password'),
      extension: value('extension').trim(),
      seatId: value('seatId').trim(),
      initialStatusId: value('initialStatusId'),
      hardphone: data.get('hardphone') === 'on',
    };
    const check = checkSignInForm(form);
    if (!check.ok) {
      this.problems = check.problems;
      void this.updateComplete.then(() => {
        const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
      });
      return;
    }
    this.problems = {};
    this.dispatchEvent(new SignInRequestEvent(form));
  }

  private onSeatDialogKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.answerSeat(new SeatTakeoverCancelEvent());
  }

  private answerSeat(event: SeatTakeoverRequestEvent | SeatTakeoverCancelEvent): void {
    if (this.submitting) return;
    this.focusWasInDialog = true;
    this.dispatchEvent(event);
  }

  private fieldInput(name: SignInField): HTMLInputElement | null {
    return this.formEl.elements.namedItem(name) as HTMLInputElement | null;
  }

  private errorText(error: SignInError): string {
    const t = this.t;
    if (error === 'lineTakenOver' && this.takenBy) return fill(t.signInLineTakenOver, { name: this.takenBy.name ?? this.takenBy.account });
    return t[ERROR_TEXT[error]];
  }

  override render() {
    const t = this.t;
    return html`
      <form novalidate @submit=${this.onSubmit} aria-labelledby="heading">
        <h2 id="heading">${t.signInHeading}</h2>
        ${this.error ? html`<p class="error" role="alert">${this.errorText(this.error)}</p>` : nothing}
        ${this.renderField('account', t.account, 'text', this.form.account, 'username')}
        ${this.renderField('password', t.password, 'password', '', 'current-password')}
        ${this.renderField('extension', t.extension, 'text', this.form.extension, 'off', 'numeric')}
        ${this.renderField('seatId', t.seatId, 'text', this.form.seatId, 'off')}
        <div class="field">
          <label for="initialStatusId">${t.initialStatus}</label>
          <select
            id="initialStatusId"
            name="initialStatusId"
            class="input"
            aria-invalid=${this.problems.initialStatusId ? 'true' : 'false'}
            aria-describedby=${
              this.problems.initialStatusId ? 'initialStatusId-problem' : this.selectedStatus === LOGOFF_STATUS_ID ? 'logoff-warning' : nothing
            }
            .value=${this.selectedStatus}
            @change=${(e: Event) => (this.selectedStatus = (e.target as HTMLSelectElement).value)}
          >
            ${this.statuses.map((s) => html`<option value=${s.id} ?selected=${s.id === this.selectedStatus}>${s.label}</option>`)}
          </select>
          ${
            this.problems.initialStatusId
              ? html`<span class="problem" id="initialStatusId-problem">${this.t[PROBLEM_TEXT[this.problems.initialStatusId]]}</span>`
              : nothing
          }
          ${this.selectedStatus === LOGOFF_STATUS_ID ? html`<p class="warning" id="logoff-warning">${t.logoffWarning}</p>` : nothing}
        </div>
        <div class="check">
          <input id="hardphone" name="hardphone" type="checkbox" ?checked=${this.form.hardphone} />
          <label for="hardphone">${t.hardphone}</label>
        </div>
        ${
          this.lineConflict
            ? this.renderDialog(lineTakeoverText(t, this.lineConflict))
            : this.seatConflict
              ? this.renderDialog(seatTakeoverText(t, this.seatConflict))
              : nothing
        }
        <button class="btn btn-brand submit" type="submit" ?disabled=${this.submitting || this.asking !== null}>
          ${this.submitting ? t.signingIn : t.signIn}
        </button>
      </form>
    `;
  }

  /** The takeover confirmation (./takeover-dialog.ts): focus starts on キャンセル, Escape cancels. */
  private renderDialog({ heading, body, question }: TakeoverText) {
    const t = this.t;
    return html`
      <div
        class="seat-dialog"
        role="alertdialog"
        aria-labelledby="seat-heading"
        aria-describedby="seat-body seat-overwrite"
        @keydown=${this.onSeatDialogKeydown}
      >
        <h3 id="seat-heading">${heading}</h3>
        <div id="seat-body">${body}</div>
        <p id="seat-overwrite">${question}</p>
        <div class="buttons">
          <button class="btn cancel" type="button" ?disabled=${this.submitting} @click=${() => this.answerSeat(new SeatTakeoverCancelEvent())}>
            ${t.cancel}
          </button>
          <button class="btn btn-brand ok" type="button" ?disabled=${this.submitting} @click=${() => this.answerSeat(new SeatTakeoverRequestEvent())}>
            ${t.ok}
          </button>
        </div>
      </div>
    `;
  }

  private renderField(name: SignInField, label: string, type: 'text' | 'password', value: string, autocomplete: string, inputmode?: 'numeric') {
    const problem = this.problems[name];
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input
          id=${name}
          name=${name}
          class="input"
          type=${type}
          .value=${value}
          autocomplete=${autocomplete}
          inputmode=${inputmode ?? nothing}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? `${name}-problem` : nothing}
        />
        ${problem ? html`<span class="problem" id="${name}-problem">${this.t[PROBLEM_TEXT[problem]]}</span>` : nothing}
      </div>
    `;
  }
}

/** The form for a signed-out state, as every shell shows it (the panel, the SCV connector's login frame). */
export function signInFormFor(t: StartCatalogue, s: Extract<PanelState, { phase: 'signedOut' }>): TemplateResult {
  return html`<biztel-sign-in-form
    .t=${t}
    .statuses=${s.statuses}
    .form=${s.form}
    .error=${s.step.kind === 'form' ? s.step.error : null}
    .attempt=${s.attempt}
    .seatConflict=${s.step.kind === 'seatTaken' ? s.step.seat : null}
    .lineConflict=${s.step.kind === 'lineTaken' ? s.step.line : null}
    .takenBy=${s.step.kind === 'form' ? (s.step.by ?? null) : null}
    ?submitting=${s.step.kind === 'submitting'}
  ></biztel-sign-in-form>`;
}
