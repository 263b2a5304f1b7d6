import { def } from "./define.js";

// Errors calling the business system (spec: zoffice-entry-protocol 3).
export const UPSTREAM_ERRORS = {
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
};
