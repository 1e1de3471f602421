import { describe, expect, it } from '@jest/globals';
import { chatSchema } from '@biztel/protocol';
import { CHAT_SCENARIOS, chatFor } from './chat-transcript.js';

const NOW = 1_717_000_000_000;

describe('chatFor', () => {
  it.each(CHAT_SCENARIOS)('%s is a valid protocol chat', (scenario) => {
    expect(chatSchema.check(chatFor(scenario, NOW), 'chat')).toEqual({ ok: true, value: chatFor(scenario, NOW) });
  });

  it.each([
    ['connect', 'connect'],
    ['fetch', 'fetch'],
    ['server', 'server'],
  ] as const)('%s is the chatbot error %s', (scenario, error) => {
    expect(chatFor(scenario, NOW)).toEqual({ status: 'error', error });
  });

  describe('the ok transcript', () => {
    const chat = chatFor('ok', NOW);
    const messages = chat.status === 'ok' ? chat.messages : [];

    it('has 5–8 messages, oldest first, all before the call', () => {
      expect(messages.length).toBeGreaterThanOrEqual(5);
      expect(messages.length).toBeLessThanOrEqual(8);
      const times = messages.map((m) => m.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThan(NOW);
    });

    it('alternates between the customer and the bot', () => {
      messages.forEach((m, i) => expect(m.from).toBe(i % 2 === 0 ? 'customer' : 'bot'));
    });

    it('has a link-only message and an upload with https URLs and no text', () => {
      for (const kind of ['url', 'upload'] as const) {
        expect(messages).toContainEqual(expect.objectContaining({ kind, text: '', url: expect.stringMatching(/^https:\/\//) }));
      }
    });

    it('has a javascript: link for the panel to refuse', () => {
      expect(messages.filter((m) => m.url === 'javascript:alert(1)')).toHaveLength(1);
    });

    it('is in Japanese', () => {
      expect(messages.filter((m) => m.kind === 'text').every((m) => /[ぁ-んァ-ン一-龯]/.test(m.text))).toBe(true);
    });
  });
});
