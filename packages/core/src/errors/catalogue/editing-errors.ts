import { def } from "./define.js";

// Editing (ONLYOFFICE) and save-pipeline errors (issue 3; spec: onlyoffice-behaviour).
export const EDITING_ERRORS = {
  DOCGATE_EDIT_UNSUPPORTED: def(
    422,
    "This document cannot be edited here.",
    "无法在此编辑该文档。",
    "Editing needs ONLYOFFICE Document Server configured (onlyoffice.*) and a docx, xlsx or pptx file; open it with action=view otherwise.",
    "编辑需要配置 ONLYOFFICE Document Server（onlyoffice.*）且文件为 docx、xlsx 或 pptx；否则请以 action=view 打开。",
  ),
  DOCGATE_EDITOR_TOKEN_INVALID: def(
    403,
    "The request from the document server is not signed correctly.",
    "来自文档服务器的请求签名不正确。",
    "docgate's onlyoffice.jwtSecret must equal Document Server's JWT secret, and JWT must be enabled in Document Server.",
    "docgate 的 onlyoffice.jwtSecret 必须与 Document Server 的 JWT 密钥一致，且 Document Server 需启用 JWT。",
  ),
  DOCGATE_CALLBACK_INVALID: def(
    400,
    "The document server's callback cannot be read.",
    "无法解析文档服务器的回调。",
    "The callback must be JSON with key and status, signed with the shared JWT secret.",
    "回调必须是包含 key 和 status 的 JSON，并使用共享 JWT 密钥签名。",
  ),
  DOCGATE_SAVE_STORE_FAILED: def(
    500,
    "docgate could not store the saved document yet.",
    "docgate 暂时无法保存文档。",
    "Document Server will retry. Check that docgate reaches Document Server's internal URL and that the data directory has space.",
    "Document Server 会重试。请检查 docgate 能否访问 Document Server 的内部地址，以及数据目录的磁盘空间。",
    true,
  ),
  DOCGATE_SAVE_NOT_FOUND: def(
    404,
    "No such save.",
    "没有该保存任务。",
    "List saves with `docgate saves list` or GET /admin/saves.",
    "请用 `docgate saves list` 或 GET /admin/saves 查看保存任务。",
  ),
  DOCGATE_SAVE_NOT_HELD: def(
    409,
    "This save is not held, so it cannot be retried by hand.",
    "该保存任务未处于挂起状态，无法手动重试。",
    "Only held saves can be retried; pending ones are retried automatically.",
    "只有挂起的保存任务可以手动重试；待处理的任务会自动重试。",
  ),
  DOCGATE_EDITOR_FAILED: def(
    502,
    "The editor reported an error and could not open the document.",
    "编辑器报告了错误，无法打开文档。",
    "The page shows Document Server's errorCode and errorDescription. Token errors (-20, -23) mean onlyoffice.jwtSecret differs from Document Server's secret; download errors (-4) mean Document Server cannot reach server.internalUrl.",
    "页面上显示了 Document Server 的 errorCode 和 errorDescription。令牌错误（-20、-23）表示 onlyoffice.jwtSecret 与 Document Server 的密钥不一致；下载错误（-4）表示 Document Server 无法访问 server.internalUrl。",
  ),
  DOCGATE_EDITOR_UNAVAILABLE: def(
    503,
    "The document server cannot be reached.",
    "无法连接文档服务器。",
    "Run `docgate doctor` to check onlyoffice.publicUrl and onlyoffice.internalUrl.",
    "请运行 `docgate doctor` 检查 onlyoffice.publicUrl 和 onlyoffice.internalUrl。",
    true,
  ),
} as const;
