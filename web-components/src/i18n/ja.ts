/** Japanese (default). Strings from the BIZTEL manuals are kept verbatim (seed 001). */
export const ja = {
  appName: 'BIZTEL ソフトフォン',
  starting: '初期化中…',
  startupFailedHeading: 'BIZTEL設定をご確認ください。',
  startupFailedOpenCti: 'Salesforce Open CTI APIが無効です。Salesforceのアカウント権限などをご確認ください。',
  startupFailedServer:
    'BIZTEL Open CTIサーバに接続できません。BIZTEL Open CTIサーバのURL設定、ブラウザのセキュリティ設定などをご確認ください。',
  connectionLost: 'イベント通知サーバとの接続に失敗しました。ブラウザをリロードしてください',
  technicalDetail: '詳細',
  reload: '再読み込み',

  signInHeading: 'サインイン',
  account: 'アカウント',
  password: 'アカウントパスワード',
  extension: 'サインイン端末',
  seatId: '座席ID',
  initialStatus: 'サインイン時のステータス',
  hardphone: 'ハードフォンで利用する',
  signIn: 'サインイン',
  signingIn: 'サインイン中…',
  logoffWarning: '「ログオフ」でサインインするとシートビューに反映されませんのでご注意ください。',
  signInAuthFailed:
    '入力したアカウント、アカウントパスワード、サインイン端末が間違っているか、ログインが制限されています。',
  signInTimeout: 'サーバから応答がありません。しばらくしてからもう一度お試しください。',
  signInDisconnected: 'イベント通知サーバに接続されていません。',
  signInRejected: 'サインインできませんでした。入力内容をご確認ください。',
  fieldRequired: '入力してください。',
  fieldTooLong: '長すぎます。',
  fieldAccountFormat: '半角英数字と . _ - @ で入力してください。',
  fieldExtensionFormat: '内線番号は半角数字で入力してください。',
  fieldSeatFormat: '座席IDは半角英数字と _ - で入力してください。',

  status: 'ステータス',
  changeStatus: 'ステータスを変更',
  signOut: 'サインアウト',
  extensionLabel: '内線',
  hardphoneMode: 'ハードフォン',
  softphoneStopped: 'ソフトフォンが起動していません',

  idle: '待機中',
  ringing: '着信中',
  dialing: '発信中',
  talking: '通話中',
  held: '保留中',
  anonymous: '非通知',
  businessLabel: '業務ラベル',
  callTimer: '通話時間',

  numberInput: '電話番号入力欄',
  numberPlaceholder: '電話番号',
  dial: '発信',
  answer: '応答',
  hangUp: '切断',

  noticeSoftphoneNotRunning: 'ソフトフォンが起動していないため発信できません。BIZTELソフトフォンを起動してサインインしてください。',
  noticeNoSuchCall: 'この通話は既に終了しています。',
  noticeBusy: '通話中のため操作できません。',
  noticeTimeout: 'サーバから応答がありません。もう一度お試しください。',
  noticeDisconnected: 'イベント通知サーバに接続されていないため操作できません。',
  noticeRejected: '操作を受け付けられませんでした。',
  noticeDialEmpty: '電話番号を入力してください。',
  noticeDialInvalidCharacters: '電話番号には数字と * # + - ( ) のみ使えます。',
  noticeDialTooLong: '電話番号が長すぎます。',
  dismiss: '閉じる',
} as const;

export type MessageKey = keyof typeof ja;
export type Catalogue = Record<MessageKey, string>;
