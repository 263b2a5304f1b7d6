import { def } from "./define.js";

// Generic HTTP and service errors.
export const SERVICE_ERRORS = {
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
};
