/**
 * UI strings of biztelLiveCall (Japanese, the softphone's default language), kept out of the
 * template so they can move to Custom Labels (@salesforce/label) when we translate.
 */
export const LABELS = Object.freeze({
    title: '通話状況',
    noCall: '通話はありません',
    withheld: '非通知',
    elapsed: '通話時間',
    /** Button text for asking the softphone panel to dial one of the record's numbers. */
    dial: (number) => `${number} に発信`,
    dialUnavailable: '通話中は発信できません',
    /** Chat history of a call that came through the chatbot IVR (seed 004). */
    chatHeading: 'チャット履歴',
    chatCustomer: 'お客様',
    chatBot: 'チャットボット',
    chatOpenLink: 'リンクを開く',
    chatNewTab: '(新しいタブで開きます)',
    chatEmpty: 'チャット履歴はありません。',
    /** The chatbot integration's errors, worded as the manual words them (seed 004). */
    chatErrors: Object.freeze({
        connect: 'チャット接続に失敗しました',
        wrongNumber: 'お客様が誤った電話番号をチャット入力したか、24時間以内にチャットボットを利用していません',
        fetch: 'チャットを取得できませんでした',
        server: 'サーバ接続に失敗しました',
    }),
    states: Object.freeze({
        ringing: '着信中',
        dialing: '発信中',
        talking: '通話中',
        held: '保留中',
        parking: 'パーク中',
    }),
});
