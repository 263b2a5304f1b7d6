// The one error catalogue (ARCHITECTURE.md practice 4). Every rejection docgate makes has a stable
// code, an HTTP status, a retryable flag, and a plain explanation plus what to check, in zh-CN and en.
// docs/errors.md is kept in sync by packages/core/test/error-catalogue.test.ts.

export interface ErrorDefinition {
  status: number;
  retryable: boolean;
  en: string;
  zh: string;
  /** What the integrator or user should check. */
  hintEn: string;
  hintZh: string;
}

function def(
  status: number,
  en: string,
  zh: string,
  hintEn: string,
  hintZh: string,
  retryable = false,
): ErrorDefinition {
  return { status, retryable, en, zh, hintEn, hintZh };
}

export const ERROR_CATALOGUE = {
  DOCGATE_BAD_REQUEST: def(
    400,
    "The request is malformed.",
    "请求格式不正确。",
    "Check the request against the integration guide.",
    "请对照集成指南检查请求。",
  ),
  DOCGATE_PARAM_MISSING: def(
    400,
    "A required parameter is missing.",
    "缺少必需的参数。",
    "The entry URL must carry repoId, docId, userinfo, meta, downloadUrl, ts and HMAC (and uploadUrl for edit).",
    "入口 URL 必须包含 repoId、docId、userinfo、meta、downloadUrl、ts 和 HMAC（编辑时还需 uploadUrl）。",
  ),
  DOCGATE_PARAM_INVALID: def(
    400,
    "A parameter has an invalid value.",
    "参数取值无效。",
    "The message names the parameter and the rule it breaks.",
    "错误信息中给出了参数名及其违反的规则。",
  ),
  DOCGATE_PARAM_DUPLICATE: def(
    400,
    "A parameter appears more than once.",
    "参数重复出现。",
    "Each entry URL parameter must appear exactly once.",
    "入口 URL 中每个参数只能出现一次。",
  ),
  DOCGATE_USERINFO_INVALID: def(
    400,
    "The userinfo parameter cannot be read.",
    "userinfo 参数无法解析。",
    "userinfo must be base64 of UTF-8 JSON with id, display_name and email.",
    "userinfo 必须是 UTF-8 JSON 的 base64 编码，包含 id、display_name 和 email。",
  ),
  DOCGATE_META_INVALID: def(
    400,
    "The meta parameter cannot be read.",
    "meta 参数无法解析。",
    "meta must be base64 of UTF-8 JSON; see the meta table in the integration guide.",
    "meta 必须是 UTF-8 JSON 的 base64 编码；字段说明见集成指南中的 meta 表。",
  ),
  DOCGATE_PARAMS_INVALID: def(
    400,
    "The params parameter is not valid.",
    "params 参数不合法。",
    "params is k1=v1;k2=v2 with no control characters; it may not set Host, Content-Length, Cookie or other reserved headers.",
    "params 的格式为 k1=v1;k2=v2，不能含控制字符，也不能设置 Host、Content-Length、Cookie 等保留请求头。",
  ),
  DOCGATE_REPO_UNKNOWN: def(
    404,
    "This repoId is not registered in docgate.",
    "该 repoId 未在 docgate 中注册。",
    "Ask the docgate operator to register the repo, or check the repoId you send.",
    "请联系 docgate 管理员注册该仓库，或检查发送的 repoId。",
  ),
  DOCGATE_SIGNATURE_INVALID: def(
    403,
    "The signature (HMAC) does not match.",
    "签名（HMAC）不匹配。",
    "Sign path + '?' + query exactly as sent, without the HMAC pair, with the repo's secret; HMAC must be the last parameter.",
    "请用该仓库的密钥对发送的 path + '?' + query（去掉 HMAC 参数）原样签名，HMAC 必须是最后一个参数。",
  ),
  DOCGATE_TS_EXPIRED: def(
    403,
    "The link has expired.",
    "链接已过期。",
    "Entry URLs are valid for a few seconds after ts. Create the link just before redirecting, and check the business system's clock against the server time shown.",
    "入口链接在 ts 之后只在几秒内有效。请在跳转前即时生成链接，并将业务系统的时钟与页面显示的服务器时间核对。",
  ),
  DOCGATE_TS_IN_FUTURE: def(
    403,
    "The link's timestamp is in the future.",
    "链接的时间戳晚于服务器时间。",
    "The business system's clock is ahead of docgate's. Synchronise both with NTP; the server time is shown below.",
    "业务系统的时钟快于 docgate。请用 NTP 同步两边的时钟；服务器时间见下方。",
  ),
  DOCGATE_REPLAYED: def(
    403,
    "This link has already been used.",
    "该链接已被使用过。",
    "Each entry URL works once. Generate a new link for each open; reloading the document page does not need it.",
    "每个入口链接只能使用一次。每次打开都请生成新链接；刷新文档页面无需再次使用该链接。",
  ),
  DOCGATE_HOST_NOT_ALLOWED: def(
    403,
    "downloadUrl or uploadUrl points to a host not registered for this repo.",
    "downloadUrl 或 uploadUrl 指向未为该仓库注册的主机。",
    "Their scheme, host and port must equal the repo's registered context.",
    "它们的协议、主机和端口必须与仓库注册的 context 完全一致。",
  ),
  DOCGATE_PRIVATE_ADDRESS: def(
    403,
    "The business system's host resolves to a private address, which is not allowed for this repo.",
    "业务系统主机解析到了内网地址，该仓库不允许访问内网地址。",
    "Register the context with its IP address, or set allowPrivateNetwork for the repo.",
    "请用 IP 地址注册 context，或为该仓库开启 allowPrivateNetwork。",
  ),
  DOCGATE_PERMISSION_DENIED: def(
    403,
    "You do not have permission to open this document.",
    "您没有打开该文档的权限。",
    "meta.permissions.read is false for this user.",
    "该用户的 meta.permissions.read 为 false。",
  ),
  DOCGATE_SESSION_NOT_FOUND: def(
    404,
    "This document session does not exist or has ended.",
    "该文档会话不存在或已结束。",
    "Open the document again from the business system.",
    "请从业务系统重新打开文档。",
  ),
  DOCGATE_SESSION_EXPIRED: def(
    410,
    "This document session has expired.",
    "该文档会话已过期。",
    "Open the document again from the business system.",
    "请从业务系统重新打开文档。",
  ),
  DOCGATE_SESSION_BROWSER_MISMATCH: def(
    403,
    "This document session belongs to another browser.",
    "该文档会话属于另一个浏览器。",
    "Open the document from the business system in this browser.",
    "请在当前浏览器中从业务系统打开文档。",
  ),
  DOCGATE_NOT_FOUND: def(404, "Not found.", "未找到。", "Check the address.", "请检查地址。"),
  DOCGATE_METHOD_NOT_ALLOWED: def(
    405,
    "This method is not allowed here.",
    "不允许使用该请求方法。",
    "Check the integration guide for the method to use.",
    "请参阅集成指南中规定的请求方法。",
  ),
  DOCGATE_UNAUTHORIZED: def(
    401,
    "Authentication is required.",
    "需要身份验证。",
    "Send the admin token as a Bearer token.",
    "请以 Bearer 令牌形式发送管理令牌。",
  ),
  DOCGATE_UPSTREAM_UNREACHABLE: def(
    502,
    "The business system could not be reached.",
    "无法连接业务系统。",
    "Check that the repo's context is reachable from the docgate server.",
    "请检查 docgate 服务器能否访问该仓库的 context 地址。",
    true,
  ),
  DOCGATE_UPSTREAM_TIMEOUT: def(
    504,
    "The business system took too long to answer.",
    "业务系统响应超时。",
    "Check the business system's load, or raise the fetch timeouts in docgate's configuration.",
    "请检查业务系统的负载，或在 docgate 配置中调大请求超时。",
    true,
  ),
  DOCGATE_UPSTREAM_STATUS: def(
    502,
    "The business system answered with an error.",
    "业务系统返回了错误。",
    "The message shows the status the business system returned for downloadUrl or uploadUrl.",
    "错误信息中给出了业务系统对 downloadUrl 或 uploadUrl 返回的状态码。",
    true,
  ),
  DOCGATE_UPSTREAM_REDIRECT: def(
    502,
    "The business system redirected docgate to another host.",
    "业务系统将 docgate 重定向到了其他主机。",
    "docgate follows redirects only within the repo's registered context.",
    "docgate 只跟随指向仓库注册 context 内的重定向。",
  ),
  DOCGATE_FILE_TOO_LARGE: def(
    413,
    "The file is larger than this docgate allows.",
    "文件超过了 docgate 允许的大小。",
    "Raise fetch.maxDownloadBytes, or open a smaller file.",
    "请调大 fetch.maxDownloadBytes，或打开更小的文件。",
  ),
  DOCGATE_PREVIEW_BUSY: def(
    503,
    "The preview service is busy.",
    "预览服务繁忙。",
    "Too many documents are waiting for conversion; try again in a moment. Operators can raise the preview pool size or queue length.",
    "等待转换的文档过多，请稍后重试。管理员可以调大预览进程池或队列长度。",
    true,
  ),
  DOCGATE_CONVERSION_TIMEOUT: def(
    504,
    "Converting the document for preview took too long.",
    "文档预览转换超时。",
    "The document may be very large or complex. Download it, or ask the operator to raise the preview conversion timeout.",
    "文档可能过大或过于复杂。请下载查看，或请管理员调大预览转换超时时间。",
  ),
  DOCGATE_FILE_CORRUPT: def(
    422,
    "The file is damaged and cannot be previewed.",
    "文件已损坏，无法预览。",
    "Check that the file opens in an office application, and that its extension matches its content.",
    "请确认该文件能用办公软件打开，并且扩展名与文件内容相符。",
  ),
  DOCGATE_FILE_PASSWORD_PROTECTED: def(
    422,
    "The file is password-protected and cannot be previewed.",
    "文件受密码保护，无法预览。",
    "Remove the open password in an office application and upload the file again, or download it.",
    "请在办公软件中取消打开密码后重新上传，或直接下载查看。",
  ),
  DOCGATE_FORMAT_UNSUPPORTED: def(
    415,
    "This file format cannot be previewed.",
    "不支持预览该文件格式。",
    "Preview supports word-processing, spreadsheet and presentation files (docx, xlsx, pptx, odt, doc, xls, ppt and similar).",
    "预览支持文字、表格和演示文档（docx、xlsx、pptx、odt、doc、xls、ppt 等）。",
  ),
  DOCGATE_CONVERSION_FAILED: def(
    500,
    "The document could not be converted for preview.",
    "文档预览转换失败。",
    "Try again; if it keeps failing, quote the request id to the operator; details are in docgate's log.",
    "请重试；若仍然失败，请将请求 ID 提供给管理员，详细信息记录在 docgate 日志中。",
    true,
  ),
  DOCGATE_CONFIG_INVALID: def(
    500,
    "docgate's configuration is invalid.",
    "docgate 配置无效。",
    "Run `docgate serve --config <file>` and read the list of problems it prints.",
    "请运行 `docgate serve --config <文件>` 并查看它列出的问题。",
  ),
  DOCGATE_UNAVAILABLE: def(
    503,
    "docgate is not ready.",
    "docgate 尚未就绪。",
    "It is starting or shutting down; try again shortly.",
    "服务正在启动或关闭，请稍后重试。",
    true,
  ),
  DOCGATE_INTERNAL: def(
    500,
    "Something went wrong inside docgate.",
    "docgate 内部出现错误。",
    "Quote the request id to the operator; details are in docgate's log.",
    "请将请求 ID 提供给管理员；详细信息记录在 docgate 日志中。",
    true,
  ),
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
