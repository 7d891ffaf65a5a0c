/**
 * The wall's own strings (header, link state, access, time), in Chinese (default) and English. Modules
 * keep their own strings next to their panels, as `LocalizedText`.
 */
export const messages = {
  'zh-CN': {
    'conn.connecting': '连接中',
    'conn.live': '实时',
    'conn.reconnecting': '重连中 · 自 {since}',
    'conn.refused': '访问被拒绝',
    'stale.badge': '数据停在 {at} · {ago}',
    'time.secondsAgo': '{n} 秒前',
    'time.minutesAgo': '{n} 分钟前',
    'time.hoursAgo': '{n} 小时前',
    'access.no-token.title': '此屏幕尚未授权',
    'access.no-token.body': '请打开指挥中心服务器启动时给出的大屏地址（含访问令牌），或联系系统管理员获取大屏令牌。',
    'access.refused.title': '访问令牌无效',
    'access.refused.body': '指挥中心服务器不认可此屏幕的令牌（令牌已更换或角色不符）。请使用新的大屏地址。',
    'access.connecting.title': '正在连接指挥中心服务器…',
    'access.connecting.body': '服务器启动或网络恢复后将自动显示。',
    'panel.unknown': '未知面板 {id}',
    'layout.problem': '布局有误',
    'scope.note': '街道归属按最近点位近似',
  },
  en: {
    'conn.connecting': 'Connecting',
    'conn.live': 'Live',
    'conn.reconnecting': 'Reconnecting since {since}',
    'conn.refused': 'Access refused',
    'stale.badge': 'Data as of {at} · {ago}',
    'time.secondsAgo': '{n} s ago',
    'time.minutesAgo': '{n} min ago',
    'time.hoursAgo': '{n} h ago',
    'access.no-token.title': 'This screen is not authorised yet',
    'access.no-token.body': 'Open the wall URL the hall server printed at start-up (it carries the access token), or ask the administrator for a wall token.',
    'access.refused.title': 'Access token not accepted',
    'access.refused.body': 'The hall server does not accept this screen’s token (it was replaced, or its role does not fit). Use the new wall URL.',
    'access.connecting.title': 'Connecting to the hall server…',
    'access.connecting.body': 'The wall appears by itself once the server is up or the network is back.',
    'panel.unknown': 'Unknown panel {id}',
    'layout.problem': 'Layout error',
    'scope.note': 'Street areas approximated from street and community points',
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['zh-CN'];
