/*
 * Grammar of the xl.cfg language:
 *
 *   file    := { setting | end }
 *   setting := KEY ( "=" | "+=" ) value end
 *   end     := NEWLINE | ";"
 *   value   := STRING | NUMBER | BOOLEAN | "[" [ value { "," value } [","] ] "]"
 *
 * with newlines allowed anywhere inside a list.  The first error stops the
 * parse; its message says what was found and what was expected.
 */
%define api.pure full
%define api.prefix {cfg_yy}
%define parse.error custom
%define parse.lac full
%locations
%parse-param {struct cfg_parse *p}
%parse-param {void *scanner}
%lex-param {void *scanner}

%code requires {
#include "cfg_private.h"
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cfg_yylex(CFG_YYSTYPE *lval, CFG_YYLTYPE *lloc, void *scanner);
static void cfg_yyerror(CFG_YYLTYPE *loc, struct cfg_parse *p, void *scanner,
                        const char *msg);
}

%define api.value.type union
%token <char *> ID "key name"
%token <char *> STRING "string"
%token <char *> NUMBER "number"
%token <long long> BOOLEAN "boolean"
%token NEWLINE "end of line"
%token ADD "'+='"
%token LEXERROR "bad token"
%type <struct xlcfg_value *> value list items
%type <int> op

%destructor { free($$); } <char *>
%destructor { cfg_value_free($$); } <struct xlcfg_value *>

%%

file:
    %empty
  | file stmt
  ;

stmt:
    end
  | ID op value end
        {
            if ( cfg_stmt_add(p, $1, $2, &@1, $3) )
                YYABORT;
        }
  ;

op:
    '='     { $$ = 0; }
  | ADD     { $$ = 1; }
  ;

end: NEWLINE | ';' ;

nl: %empty | nl NEWLINE ;

value:
    STRING
        {
            if ( !($$ = cfg_value_new(p, XLCFG_STRING, &@1)) )
            {
                free($1);
                YYABORT;
            }
            $$->str = $1;
        }
  | NUMBER
        {
            if ( !($$ = cfg_value_new(p, XLCFG_NUMBER, &@1)) )
            {
                free($1);
                YYABORT;
            }
            $$->str = $1;
            $$->num = strtoll($1, NULL, 0);
        }
  | BOOLEAN
        {
            if ( !($$ = cfg_value_new(p, XLCFG_BOOL, &@1)) )
                YYABORT;
            $$->num = $1;
        }
  | '[' nl list ']'
        {
            /* A list is where its '[' is. */
            $$ = $3;
            $$->line = @1.first_line;
            $$->col = @1.first_column;
        }
  ;

list:
    %empty
        {
            if ( !($$ = cfg_value_new(p, XLCFG_LIST, &@$)) )
                YYABORT;
        }
  | items           { $$ = $1; }
  | items ',' nl    { $$ = $1; }
  ;

items:
    value nl
        {
            if ( !($$ = cfg_value_new(p, XLCFG_LIST, &@1)) )
            {
                cfg_value_free($1);
                YYABORT;
            }
            if ( cfg_list_append(p, $$, $1) )
            {
                cfg_value_free($$);
                YYABORT;
            }
        }
  | items ',' nl value nl
        {
            $$ = $1;
            if ( cfg_list_append(p, $$, $4) )
            {
                cfg_value_free($$);
                YYABORT;
            }
        }
  ;

%%

/* Name a token the way a user reads it in "unexpected ..." messages. */
static const char *token_name(yysymbol_kind_t k)
{
    switch ( k )
    {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_ID: return "key name";
    case YYSYMBOL_STRING: return "string";
    case YYSYMBOL_NUMBER: return "number";
    case YYSYMBOL_BOOLEAN: return "boolean";
    case YYSYMBOL_NEWLINE: return "end of line";
    case YYSYMBOL_ADD: return "'+='";
    default:
        return yysymbol_name(k);
    }
}

/*
 * Report a syntax error as "unexpected X, expected Y".  Where a value may
 * start, the value tokens are summarised as "a value" rather than listed.
 */
static int yyreport_syntax_error(const yypcontext_t *ctx,
                                 struct cfg_parse *p, void *scanner)
{
    yysymbol_kind_t exp[16], tok = yypcontext_token(ctx);
    const CFG_YYLTYPE *loc = yypcontext_location(ctx);
    char buf[256];
    size_t off = 0;
    int n = yypcontext_expected_tokens(ctx, exp, 16), i;
    int want_value = 0, want_key = 0, in_list = 0;

    (void)scanner;
    if ( p->err )
        return 0;   /* the scanner already said what was wrong */
    for ( i = 0; i < n; i++ )
    {
        if ( exp[i] == YYSYMBOL_STRING )
            want_value = 1;
        if ( exp[i] == YYSYMBOL_ID )
            want_key = 1;
        if ( !strcmp(yysymbol_name(exp[i]), "']'") )
            in_list = 1;
    }
    if ( want_value && tok == YYSYMBOL_ID )
    {
        cfg_set_error(p, loc->first_line, loc->first_column,
                      "expected a value but found a bare word; strings must "
                      "be quoted, e.g. \"...\"");
        return 0;
    }
    buf[0] = '\0';
    if ( want_value )
        off += snprintf(buf, sizeof(buf),
                        "a value (a quoted string, a number, true, false "
                        "or a [list])");
    for ( i = 0; i < n && off < sizeof(buf); i++ )
    {
        if ( want_value && (exp[i] == YYSYMBOL_STRING ||
                            exp[i] == YYSYMBOL_NUMBER ||
                            exp[i] == YYSYMBOL_BOOLEAN ||
                            exp[i] == YYSYMBOL_NEWLINE ||
                            !strcmp(yysymbol_name(exp[i]), "'['")) )
            continue;
        /* Inside a list, line ends are layout, not worth mentioning. */
        if ( in_list && exp[i] == YYSYMBOL_NEWLINE )
            continue;
        /* At the start of a line only a key is worth mentioning. */
        if ( want_key && exp[i] != YYSYMBOL_ID )
            continue;
        off += snprintf(buf + off, sizeof(buf) - off, "%s%s%s",
                        off ? " or " : "",
                        exp[i] == YYSYMBOL_ID ? "a " : "",
                        token_name(exp[i]));
    }
    if ( tok == YYSYMBOL_YYEMPTY )
        cfg_set_error(p, loc->first_line, loc->first_column,
                      "syntax error: expected %s", buf);
    else
        cfg_set_error(p, loc->first_line, loc->first_column,
                      "syntax error: unexpected %s, expected %s",
                      token_name(tok), buf);
    return 0;
}

static void cfg_yyerror(CFG_YYLTYPE *loc, struct cfg_parse *p, void *scanner,
                        const char *msg)
{
    (void)scanner;
    cfg_set_error(p, loc->first_line, loc->first_column, "%s", msg);
}
